// SHA-256 of a byte string as lowercase hex (OpenSSL EVP), for source-file hashes in manifests.
#pragma once

#include <string>
#include <string_view>

namespace regkg::text {

std::string sha256_hex(std::string_view data);

}  // namespace regkg::text
