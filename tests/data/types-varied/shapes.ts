/** Base thing.
 * @example {"id": "a"}
 * @default {"id": "x"}
 */
interface Base { id: string; createdAt: Date; blob?: Blob }
interface Named { name: string; tags: readonly string[] }
export type Both = Base & Named & { extra?: number };
export type Conflict = { a: string } & { a: number; b: boolean };
type Box<T, U = number> = { value: T; other: U; list: Array<T>; set: Set<U>; map: Map<string, T> };
export type Boxes = { s: Box<string>; n: Box<number, string>; nested: Box<Box<boolean>> };
export type P = Partial<Base>;
export type R = Required<P>;
export type K = Pick<Base, "id" | "blob">;
export type O = Omit<Base, "id">;
export type Rec = Record<"x" | "y", number>;
export type Dict = Record<string, Base>;
export type Ex = Exclude<"a" | "b" | "c", "a">;
export type In = Extract<"a" | "b" | "c", "a" | "z">;
export type NN = NonNullable<string | null>;
export type Ro = Readonly<Named>;
export type Pr = Promise<Named>;
export type Lit = "a" | "b" | 1 | 2 | true | false | null;
export type Bools = true | false;
export type Mixed = string | number | Base | null | undefined;
export type Tup = [string, number?, ...boolean[]];
export type Labeled = [a: string, b?: number, ...rest: string[]];
export type Keys = keyof Base;
export type Look = Base["id"];
export type Look2 = Boxes["s"]["value"];
export type Tmpl = `id-${string}`;
export type Paren = (string | null)[];
export type Maybe = Named | null;
export type UsesMaybe = { m: Maybe | string };
export type Mapped = { [K in "p" | "q"]: string };
export type MappedOpt = { [K in "p" | "q"]?: string };
export interface Indexed { [key: string]: number; known: number }
export enum Color { Red, Green = 5, Blue, Neg = -1 }
export enum Str { A = "a", B = "b" }
export type Red = Color.Red;
export type SelfRef = SelfRef;
type Loop1 = Loop2; type Loop2 = Loop1;
export interface Tree { value: number; children: Tree[]; parent?: Tree | null }
export type Unknown = Mystery | string;
export type Fn = () => void;
export class Klass { id: string; private secret: string; static count: number; opt?: number;
  protected p: string; public pub: boolean; constructor() { this.id = ""; } }
export namespace Outer { export namespace Inner { export interface Deep { d: Outer.Shallow } } export interface Shallow { s: string } }
export type UsesDeep = Outer.Inner.Deep;
export interface Quoted { "with-dash": string; 'single': number; "esc\"aped"?: boolean; 42: string }
/** @nullable */
export interface Nul { /** @nullable */ x: string; /**
 * multi
 * line
 * @example "ex"
 * @example 3
 */
 y: number }
declare global { interface Win { w: number } }
export type Never = never; export type Any = any; export type Unk = unknown; export type Obj = object; export type Big = bigint;
export type Thisy = { self: this };
export type Gen<T extends string = "d"> = { t: T };
export type GenUse = Gen;
export type Rec2<T> = { v: T; r?: Rec2<T> };
export type Rec2S = Rec2<string>;
