/** `35` */
export const PROVINCE_CODE = /^\d{2}$/;
/** `35.10` */
export const REGENCY_CODE = /^\d{2}\.\d{2}$/;
/** Either: `35` or `35.10` */
export const REGION_CODE = /^\d{2}(\.\d{2})?$/;

export function isProvinceCode(code: string): boolean {
  return PROVINCE_CODE.test(code);
}

export function isRegencyCode(code: string): boolean {
  return REGENCY_CODE.test(code);
}

/** The province of any region code: `35.10` -> `35`. */
export function provinceOf(code: string): string {
  return code.slice(0, 2);
}
