export interface Address { street: string; zip?: string; country: "DE" | "FR" | "US"; }
export type UserBase = { other: number };
