/** Fixture for request-null-rejected. */
export interface Thing {
  a: string | null;
}
