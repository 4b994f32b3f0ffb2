/**
 * The widget bundle's entry (`npm run build` → `web-client/dist/parley-widget.js`, global `ParleyWidget`).
 * Loaded with `<script src="…/parley-widget.js" data-server="…" async></script>` it mounts itself from the
 * tag's `data-*` attributes; with `data-manual` it waits for `ParleyWidget.mount(options)`.
 */
import { mountWidget, type WidgetHandle } from './mount-widget.ts';
import { optionsFromScript, type WidgetOptions } from './widget-options.ts';

const script = document.currentScript as HTMLScriptElement | null;
let auto: WidgetHandle | undefined;

/** Mounts a widget; see `WidgetOptions`. Waits for the document body when called early. */
export function mount(options: WidgetOptions): Promise<WidgetHandle> {
  if (document.body) return Promise.resolve(mountWidget(options));
  return new Promise((resolve) =>
    document.addEventListener('DOMContentLoaded', () => resolve(mountWidget(options)), { once: true }),
  );
}

/** The widget mounted from the script tag's attributes, once it is there. */
export function current(): WidgetHandle | undefined {
  return auto;
}

if (script && !('manual' in script.dataset)) {
  void mount(optionsFromScript(script)).then((handle) => {
    auto = handle;
  });
}
