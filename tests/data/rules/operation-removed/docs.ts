/** Fixture for operation-removed. @response GET /things/{thingId} */
export interface Thing {
  a: string;
}
/** @response GET /things/{thingId}/history */
export interface History { a: string; }
