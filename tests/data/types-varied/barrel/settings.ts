export default interface Settings { theme: "dark" | "light"; volume?: number }
declare module "ext-pkg" { export interface Ext { flag: boolean } }
