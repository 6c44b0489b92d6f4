/** The Elasticsearch version whose API the gateway implements (written into enrollment tokens' `ver`). */
export const IMPLEMENTED_ES_VERSION = '9.1.5';
