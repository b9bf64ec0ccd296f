import { Ext } from "ext-pkg";
import { User } from "@/barrel/user";
export interface Envelope<T = User> { data: T; ext?: Ext; next: string | null }
export type Users = Envelope<User[]>;
