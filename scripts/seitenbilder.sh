#!/usr/bin/env bash
# Renders page 1 of each example draft as exported (LibreOffice → PDF → PNG) into docs/bilder/,
# for README.md. Needs LibreOffice (soffice) and poppler (pdftoppm); run after `npm run build`.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp examples/* "$work/"
for draft in "$work"/*.md; do
  name=$(basename "$draft" .md)
  node bin/ratsfeder.js export "$draft" -o "$work/$name.docx" --heute 2025-03-01 >/dev/null
  soffice --headless --norestore "-env:UserInstallation=file://$work/lo" --convert-to pdf --outdir "$work" "$work/$name.docx" >/dev/null 2>&1
  pdftoppm -r 60 -png -f 1 -l 1 -singlefile "$work/$name.pdf" "docs/bilder/seite1-${name%%.*}"
  echo "docs/bilder/seite1-${name%%.*}.png"
done
