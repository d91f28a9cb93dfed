/** SQL macros for the datetime function family (installed as TEMP macros by macros.ts). */
export const datetimeMacros: readonly string[] = [];
