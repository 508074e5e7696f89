/** The stored-request model lives in `model/`; this path stays for existing imports. @module */
export * from '../model/format'
