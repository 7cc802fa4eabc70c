/** A department id: lower-case ASCII words joined by hyphens (file names, URLs, --dept). */
export const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
