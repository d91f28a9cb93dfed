/** SQL macros for the string function family (installed as TEMP macros by macros.ts). */
export const stringMacros: readonly string[] = [];
