/** What the platform's access tokens carry. */
export interface TokenClaims {
  sub: string;
  agency: number;
  role: string;
}
