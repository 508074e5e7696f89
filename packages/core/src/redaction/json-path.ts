/** JSONPath lives in `model/`; this path stays for existing imports. @module */
export * from '../model/json-path'
