/** SQL macros for the dynamic function family (installed as TEMP macros by macros.ts). */
export const dynamicMacros: readonly string[] = [];
