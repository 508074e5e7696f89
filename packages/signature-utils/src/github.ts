export const placeholder = 'github'
