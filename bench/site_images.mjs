// Image step of site_pipeline.sh: recompress each PNG (lossless, zlib level 9) and JPEG (mozjpeg
// q85) in place with sharp, keeping the original when the result is not smaller.
//   node site_images.mjs FILE...
import fs from 'node:fs';
import sharp from 'sharp';

for (const file of process.argv.slice(2)) {
  const buf = fs.readFileSync(file);
  try {
    const img = sharp(buf);
    const { format } = await img.metadata();
    const out = format === 'png' ? await img.png({ compressionLevel: 9, adaptiveFiltering: true }).toBuffer()
      : format === 'jpeg' ? await img.jpeg({ mozjpeg: true, quality: 85 }).toBuffer() : null;
    if (out && out.length < buf.length) fs.writeFileSync(file, out);
  } catch (e) {
    console.error(`site_images: ${file}: ${e.message}`);
  }
}
