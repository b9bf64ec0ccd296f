/** Fixture for response-field-renamed. */
export interface Thing {
  a: string;
  nextCursor?: string;
}
