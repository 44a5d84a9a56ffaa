"use client";

import maplibregl from "maplibre-gl";
import "maplibre-gl/dist/maplibre-gl.css";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";

type Centre = { latitude: number; longitude: number };

const METRES_PER_DEGREE = 111_320;
/** How far one arrow key moves the centre, in metres (with Shift: ten times as far). */
const KEY_STEP_M = 5;
const FENCE_COLOUR = "#1d4ed8";

/** The fence as a polygon (64 points), for the map's circle: metres in degrees at that latitude. */
export function fenceCircle(centre: Centre, radiusM: number): GeoJSON.Feature<GeoJSON.Polygon> {
  const dLat = radiusM / METRES_PER_DEGREE;
  const dLng = radiusM / (METRES_PER_DEGREE * Math.cos((centre.latitude * Math.PI) / 180));
  const ring: [number, number][] = [];
  for (let i = 0; i <= 64; i++) {
    const a = (i / 64) * 2 * Math.PI;
    ring.push([centre.longitude + dLng * Math.cos(a), centre.latitude + dLat * Math.sin(a)]);
  }
  return { type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: [ring] } };
}

/** A zoom at which the fence's radius is about 80 px across the map. */
function zoomFor(centre: Centre, radiusM: number): number {
  const metresPerPixelAtZ0 = 156_543.03 * Math.cos((centre.latitude * Math.PI) / 180);
  return Math.min(19, Math.max(2, Math.log2((metresPerPixelAtZ0 * 80) / Math.max(radiusM, 10))));
}

/** The centre moved `east`/`north` metres. */
function moved(centre: Centre, east: number, north: number): Centre {
  return {
    latitude: centre.latitude + north / METRES_PER_DEGREE,
    longitude:
      centre.longitude + east / (METRES_PER_DEGREE * Math.cos((centre.latitude * Math.PI) / 180)),
  };
}

function webglAvailable(): boolean {
  try {
    const canvas = document.createElement("canvas");
    return Boolean(canvas.getContext("webgl2") ?? canvas.getContext("webgl"));
  } catch {
    return false;
  }
}

/**
 * The geofence on a MapLibre map of the configured style: the centre as a pin that is dragged
 * (or, focused, moved with the arrow keys), a click on the map puts it there, and the radius as
 * a circle. Loaded only on the geofence tab with a style configured (next/dynamic), so no other
 * page carries the library. A browser without WebGL, or a map that cannot start, calls
 * `onUnavailable` and the settings show the sketch instead.
 */
export default function GeofenceMap({
  styleUrl,
  centre,
  fallbackCentre,
  radiusM,
  onCentre,
  onUnavailable,
}: {
  styleUrl: string;
  centre: Centre | null;
  /** Where the map opens without a centre (the Kisi place's location, when known). */
  fallbackCentre: Centre | null;
  radiusM: number;
  onCentre: (centre: Centre) => void;
  onUnavailable: () => void;
}) {
  const t = useTranslations("SettingsSections.map");
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  const marker = useRef<maplibregl.Marker | null>(null);
  const [ready, setReady] = useState(false);
  // The latest props, for handlers the map keeps from its first render.
  const latest = useRef({
    centre,
    fallbackCentre,
    radiusM,
    onCentre,
    onUnavailable,
    markerLabel: t("marker"),
  });
  useEffect(() => {
    latest.current = {
      centre,
      fallbackCentre,
      radiusM,
      onCentre,
      onUnavailable,
      markerLabel: t("marker"),
    };
  });

  useEffect(() => {
    if (!container.current) return;
    if (!webglAvailable()) {
      latest.current.onUnavailable();
      return;
    }
    const start = latest.current.centre ?? latest.current.fallbackCentre;
    let created: maplibregl.Map;
    try {
      created = new maplibregl.Map({
        container: container.current,
        style: styleUrl,
        center: start ? [start.longitude, start.latitude] : [0, 20],
        zoom: start ? zoomFor(start, latest.current.radiusM) : 1,
        attributionControl: { compact: true },
        dragRotate: false,
        pitchWithRotate: false,
      });
    } catch {
      latest.current.onUnavailable();
      return;
    }
    map.current = created;
    created.addControl(new maplibregl.NavigationControl({ showCompass: false }));
    created.on("error", (event) => {
      if (/webgl/i.test(String(event.error?.message))) latest.current.onUnavailable();
    });
    created.on("load", () => {
      created.addSource("fence", { type: "geojson", data: emptyFence() });
      created.addLayer({
        id: "fence-fill",
        type: "fill",
        source: "fence",
        paint: { "fill-color": FENCE_COLOUR, "fill-opacity": 0.15 },
      });
      created.addLayer({
        id: "fence-line",
        type: "line",
        source: "fence",
        paint: { "line-color": FENCE_COLOUR, "line-width": 2 },
      });
      setReady(true);
    });
    created.on("click", (event) =>
      latest.current.onCentre({ latitude: event.lngLat.lat, longitude: event.lngLat.lng }),
    );
    return () => {
      marker.current = null;
      map.current = null;
      created.remove();
    };
    // The map is made once per style (made again, a map still loading was seen to break): the
    // centre, the radius and a late Kisi place follow in the effects below.
  }, [styleUrl]);

  // No centre yet, and the Kisi place's location arrives: the map opens there.
  useEffect(() => {
    const current = map.current;
    if (!current || !ready || latest.current.centre || !fallbackCentre) return;
    current.jumpTo({
      center: [fallbackCentre.longitude, fallbackCentre.latitude],
      zoom: zoomFor(fallbackCentre, latest.current.radiusM),
    });
  }, [fallbackCentre, ready]);

  // The pin and the circle follow the form (typed, located, dragged, or moved by keys).
  useEffect(() => {
    const current = map.current;
    if (!current || !ready) return;
    const source = current.getSource<maplibregl.GeoJSONSource>("fence");
    if (!centre) {
      marker.current?.remove();
      marker.current = null;
      source?.setData(emptyFence());
      return;
    }
    // A marker must have its place before it is added (MapLibre places it at once).
    if (marker.current) marker.current.setLngLat([centre.longitude, centre.latitude]);
    else marker.current = newMarker(current, centre, latest);
    source?.setData(fenceCircle(centre, radiusM > 0 ? radiusM : 0));
  }, [centre, radiusM, ready]);

  return (
    <figure className="space-y-1 sm:col-span-2">
      <div
        ref={container}
        role="region"
        aria-label={t("label")}
        data-testid="geofence-map"
        data-ready={ready ? "true" : "false"}
        className="h-72 w-full overflow-hidden rounded-xl border border-ink/15 bg-white md:h-96"
      />
      <figcaption className="text-sm text-ink-muted">{t("hint")}</figcaption>
    </figure>
  );
}

function emptyFence(): GeoJSON.FeatureCollection {
  return { type: "FeatureCollection", features: [] };
}

/** The draggable pin; focused, the arrow keys move it (the map's own keys pan it otherwise). */
function newMarker(
  onMap: maplibregl.Map,
  at: Centre,
  latest: {
    current: { centre: Centre | null; onCentre: (c: Centre) => void; markerLabel: string };
  },
): maplibregl.Marker {
  const pin = new maplibregl.Marker({ draggable: true, color: FENCE_COLOUR }).setLngLat([
    at.longitude,
    at.latitude,
  ]);
  const element = pin.getElement();
  element.tabIndex = 0;
  element.setAttribute("role", "button");
  element.setAttribute("aria-label", latest.current.markerLabel);
  element.setAttribute("data-testid", "geofence-map-pin");
  element.addEventListener("keydown", (event) => {
    const step = event.shiftKey ? KEY_STEP_M * 10 : KEY_STEP_M;
    const delta = {
      ArrowUp: [0, step],
      ArrowDown: [0, -step],
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
    }[event.key];
    const from = latest.current.centre;
    if (!delta || !from) return;
    event.preventDefault();
    event.stopPropagation();
    latest.current.onCentre(moved(from, delta[0]!, delta[1]!));
  });
  pin.on("dragend", () => {
    const { lat, lng } = pin.getLngLat();
    latest.current.onCentre({ latitude: lat, longitude: lng });
  });
  return pin.addTo(onMap);
}
