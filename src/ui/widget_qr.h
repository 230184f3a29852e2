// A QR code on the canvas (the share screen's campaign link): black modules on a white square
// with its quiet zone, each module a whole number of pixels so that cameras see sharp edges.
// The mirror sees it as an image with an accessible name.
#pragma once

#include <string>

#include "client/qr_code.h"
#include "core/result.h"
#include "ui/mirror.h"

namespace parley::ui {

// The QR code of `link`, encoded once and kept while the link stays the same: encoding a long
// link takes milliseconds, too long to repeat every frame.
const Result<client::QrCode>& qr_for(const std::string& link);

// Draws `qr` at the column's left edge, at most `max_side` pixels wide (at least one pixel per
// module), as the image `name` with id `id`.
void qr_image(const client::QrCode& qr, float max_side, const std::string& name, Mirror& items, const std::string& id);

}  // namespace parley::ui
