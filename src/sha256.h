#ifndef TOLKREG_SHA256_H
#define TOLKREG_SHA256_H

#include <stddef.h>
#include <stdint.h>

/*
 * SHA-256 (FIPS 180-4) of a buffer, for recording exactly which bytes
 * a delivery sent. Private to the library.
 */

#define SHA256_LEN	32
#define SHA256_HEXLEN	65	/* 64 hex digits and NUL */

/* The digest of len bytes at data. */
void	sha256(const void *data, size_t len, uint8_t out[SHA256_LEN]);

/* The digest as lower-case hex. */
void	sha256_hex(const void *data, size_t len, char out[SHA256_HEXLEN]);

#endif /* TOLKREG_SHA256_H */
