requestAnimationFrame(() => requestAnimationFrame(() => window.__TAURI__.core.invoke('first_paint')));
