import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScanResult } from '../../../../shared/qr/found-code';
import { blobToBase64, qrDecodeImage } from './scan-api';

/** Longest side of a frame sent to main: enough for a code held up to a webcam, small to send. */
const FRAME_SIDE = 960;
/** Pause between frames (after the previous decode answered), so scanning never floods main. */
const FRAME_GAP_MS = 250;

/** The video's current frame, downscaled to FRAME_SIDE on `canvas` and JPEG-encoded. */
function frameToJpeg(v: HTMLVideoElement, canvas: HTMLCanvasElement): Promise<Blob | null> {
  const scale = Math.min(1, FRAME_SIDE / Math.max(v.videoWidth, v.videoHeight));
  canvas.width = Math.round(v.videoWidth * scale);
  canvas.height = Math.round(v.videoHeight * scale);
  canvas.getContext('2d')?.drawImage(v, 0, 0, canvas.width, canvas.height);
  return new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/jpeg', 0.85));
}

/** Why getUserMedia gave no stream: no (fitting) camera, or anything else counts as denied. */
function cameraFailure(e: unknown): 'camera-denied' | 'no-camera' {
  return e instanceof DOMException &&
    (e.name === 'NotFoundError' || e.name === 'OverconstrainedError')
    ? 'no-camera'
    : 'camera-denied';
}

/**
 * Live camera preview; frames are downscaled, JPEG-encoded and decoded in main until one holds a code.
 * The camera is released the moment a code is found, on cancel and when the view goes away.
 */
export function CameraScan({
  onFound,
  onFailed,
}: {
  onFound: (r: ScanResult) => void;
  onFailed: (reason: 'camera-denied' | 'no-camera') => void;
}) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [live, setLive] = useState(false);
  const found = useRef(onFound);
  const failed = useRef(onFailed);
  found.current = onFound;
  failed.current = onFailed;

  useEffect(() => {
    let stream: MediaStream | null = null;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
      stream = null;
      if (video.current) video.current.srcObject = null;
    };
    const canvas = document.createElement('canvas');

    const frame = async () => {
      const v = video.current;
      if (stopped || !v) return;
      if (v.videoWidth > 0) {
        const blob = await frameToJpeg(v, canvas);
        if (blob && !stopped) {
          try {
            const result = await qrDecodeImage(await blobToBase64(blob), 'camera');
            if (result.codes.length > 0 && !stopped) {
              stop();
              found.current(result);
              return;
            }
          } catch {
            // A bad frame is not an error worth showing; try the next one.
          }
        }
      }
      if (!stopped) timer = setTimeout(() => void frame(), FRAME_GAP_MS);
    };

    void (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: { width: { ideal: 1280 }, height: { ideal: 720 } },
          audio: false,
        });
      } catch (e) {
        if (!stopped) failed.current(cameraFailure(e));
        return;
      }
      if (stopped || !video.current) {
        stream.getTracks().forEach((track) => track.stop());
        return;
      }
      video.current.srcObject = stream;
      await video.current.play().catch(() => undefined);
      setLive(true);
      void frame();
    })();
    return stop;
  }, []);

  return (
    <div className="scan-camera">
      <video ref={video} muted playsInline aria-label={t('scan.cameraPreview')} />
      <p role="status">{live ? t('scan.cameraHint') : t('scan.cameraStarting')}</p>
    </div>
  );
}
