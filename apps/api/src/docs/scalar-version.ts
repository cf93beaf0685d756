/**
 * The @scalar/api-reference version the Worker's /docs loads from the CDN (the Worker cannot ship
 * the 5 MB viewer script). A test keeps it equal to the installed package's version.
 */
export const SCALAR_API_REFERENCE_VERSION = "1.76.0";
