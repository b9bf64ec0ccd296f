
  
  export namespace Schemas {
    // <Schemas>
  export type Status = ("open" | "paid" | "shipped")
export type Money = { amount: string, currency: string }
export type Line = { sku: string, qty: number, price?: Money | undefined }
export type OrderBase = { lines: Array<Line>, note?: (string | null) | undefined, tags?: Record<string, string> | undefined }
export type OrderCreate = (OrderBase & Partial<{ gift: boolean }>)
export type OrderPatch = Partial<{ note: (string | null), status: Status }>
export type Card = { kind: "card", last4: string }
export type Transfer = { kind: "transfer", iban: string }
export type Order = (OrderBase & { id: string, status: Status, createdAt: string, gift?: boolean | undefined, payment?: ((Card | Transfer) | null) | undefined })
export type OrderPage = { items: Array<Order>, total: number, next?: (string | null) | undefined }
export type Payment = { id: number, receipt?: string | undefined }
export type Problem = Partial<{ title: string, status: number, errors: Array<Partial<{ loc: Array<(string | number)>, msg: string }>> }>
export type Account = { id: number, email: string, password: string, nickname?: (string | null) | undefined }

    // </Schemas>
    }
  
  
  
  