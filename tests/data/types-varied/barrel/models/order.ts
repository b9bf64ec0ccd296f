import { Address } from "./address";
/**
 * An order.
 * @request POST /orders
 * @response GET /orders/{id}
 */
export interface Order { id: number; ship_to: Address; lines: Line[]; total: number | null; }
export type Line = { sku: string; qty: number; note?: string | undefined };
