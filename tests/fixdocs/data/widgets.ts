// Widgets API types, hand-written: keep this header.

/** Widget status. */
export type WidgetStatus =
  | 'new'
  | 'old';

/**
 * A widget.
 * @response GET /widgets/{widgetId}
 */
export interface Widget {
    id:string ;   // server id
    /** display name */
    name : string;
    status: WidgetStatus,
    count: string
    /** removed long ago */
    legacy: string;
    price: number; // in cents
}

/** @request POST /widgets */
export type WidgetCreate = { name?: string; note: string | null; label?: string | null; debug?: boolean }
