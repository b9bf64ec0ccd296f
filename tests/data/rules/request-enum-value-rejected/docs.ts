/** Fixture for request-enum-value-rejected. */
export interface Thing {
  a: "x" | "y";
}
