export const placeholder = 'slack'
