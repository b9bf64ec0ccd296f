export interface Fine { a: string }
export interface Broken { a: string; b: }
export type After = { c: number };
