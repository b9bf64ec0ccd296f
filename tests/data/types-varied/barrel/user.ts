import type { Address } from "./models/address";
import * as M from "./models/order";
/** A user. @endpoint GET /users/{id} */
export interface User {
  /** The id. @format uuid */
  id: string;
  address?: Address;
  orders: M.Order[];
  /** @deprecated */
  legacy?: string | null;
}
export interface User { merged: boolean; }
export type UserBase = { name: string };
