import "server-only";
import QRCode from "qrcode";
import type { Keyring } from "@/lib/crypto/encryption";
import { accessUrl } from "./issue-link";
import { openLinkToken } from "./secrets";

/** A link's access URL as an SVG QR code (medium error correction: survives a smudged print). */
export async function linkQrSvg(
  link: { id: string; tokenCiphertext: string },
  config: { appOrigin: string; encryption: Keyring },
): Promise<string> {
  const token = openLinkToken(link, config.encryption);
  return QRCode.toString(accessUrl(config.appOrigin, token), {
    type: "svg",
    errorCorrectionLevel: "M",
    margin: 2,
  });
}
