export * from "./user";
export { Order as PurchaseOrder, type Line } from "./models/order.js";
export * as Api from "./api/index";
export { default as Settings } from "./settings";
