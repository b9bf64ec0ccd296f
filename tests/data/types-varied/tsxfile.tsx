export interface Props { label: string; onClick?: () => void; count: number }
export const C = (p: Props) => <div>{p.label}</div>;
