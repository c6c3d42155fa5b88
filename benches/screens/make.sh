#!/usr/bin/env bash
# Renders the phone-screen mock-ups of vneid.html into the sample guide's bundle as 1080×2400
# PNG screenshots, the size real phones take, then reduces them to 48 colours (flat mock-ups
# lose nothing) so the repository stays small. Needs Debian's chromium and imagemagick.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../../content/guides/kich-hoat-vneid-muc-2"
names=(01-cai-ung-dung 02-man-hinh-dau 03-nhap-so-dinh-danh 04-nhap-ma-otp 05-dat-mat-khau 06-dat-mat-ma)
for i in "${!names[@]}"; do
  n=$((i + 1))
  chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=3 \
    --window-size=360,800 --screenshot="$out/${names[$i]}.png" "file://$here/vneid.html#$n" 2>/dev/null
  convert "$out/${names[$i]}.png" -strip +dither -colors 48 -define png:compression-level=9 "$out/${names[$i]}.png"
done
