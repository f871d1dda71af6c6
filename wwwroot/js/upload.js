// Uploads a chosen or dropped file to the portal's upload endpoint over plain HTTP (XHR for upload
// progress), cookie-authenticated with the antiforgery token in a header. The bytes never pass through
// the Blazor circuit; only the choice, progress and outcome are reported to the component.

const uploads = new WeakMap();

export function attach(zone, input, component, options) {
    detach(zone);
    // One signal removes every listener below when the component goes away.
    const listeners = new AbortController();
    const state = { zone, input, component, options, xhr: null, listeners, detached: false };
    uploads.set(zone, state);
    const on = (target, type, handler) => target.addEventListener(type, handler, { signal: listeners.signal });

    const choose = async (file) => {
        if (!file || state.xhr || state.detached) {
            return;
        }
        // The server decides whether the file may be sent at all (plan limits, shown before upload).
        const ok = await report(state, "OnFileChosen", file.name, file.size);
        if (ok && !state.detached) {
            send(state, file);
        }
    };

    on(input, "change", () => {
        const file = input.files && input.files[0];
        input.value = "";
        choose(file);
    });
    on(zone, "dragover", (e) => {
        e.preventDefault();
        zone.classList.add("drop-zone-over");
    });
    on(zone, "dragleave", () => zone.classList.remove("drop-zone-over"));
    on(zone, "drop", (e) => {
        e.preventDefault();
        zone.classList.remove("drop-zone-over");
        const file = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
        choose(file);
    });
    on(zone, "keydown", (e) => {
        if (e.key === "Enter" || e.key === " ") {
            e.preventDefault();
            input.click();
        }
    });
}

// The component is being disposed: stop listening and abort a running upload without reporting back, since
// the .NET reference is released right after this returns.
export function detach(zone) {
    const state = uploads.get(zone);
    if (!state) {
        return;
    }
    state.detached = true;
    state.listeners.abort();
    uploads.delete(zone);
    if (state.xhr) {
        state.xhr.abort();
        state.xhr = null;
    }
}

// Calls the component unless it is gone. A call that races its disposal resolves to undefined instead of
// surfacing as an unhandled rejection; any other failure still reaches the console.
function report(state, method, ...args) {
    if (state.detached) {
        return Promise.resolve(undefined);
    }
    return state.component.invokeMethodAsync(method, ...args).catch((error) => {
        if (!state.detached) {
            console.error(`Upload: ${method} failed`, error);
        }
        return undefined;
    });
}

export function cancel(zone) {
    const state = uploads.get(zone);
    if (state && state.xhr) {
        state.xhr.abort();
    }
}

function send(state, file) {
    const { options } = state;
    const xhr = new XMLHttpRequest();
    state.xhr = xhr;
    let last = 0;
    xhr.open("POST", options.url);
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.setRequestHeader("X-File-Name", encodeURIComponent(file.name));
    if (options.antiforgeryHeader && options.antiforgeryToken) {
        xhr.setRequestHeader(options.antiforgeryHeader, options.antiforgeryToken);
    }
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => {
        const now = Date.now();
        // At most five reports a second: progress is for people, not for the circuit.
        if (e.lengthComputable && (now - last > 200 || e.loaded === e.total)) {
            last = now;
            report(state, "OnUploadProgress", e.loaded, e.total);
        }
    };
    xhr.onload = () => {
        state.xhr = null;
        let body = null;
        try {
            body = JSON.parse(xhr.responseText);
        } catch {
            body = null;
        }
        if (xhr.status >= 200 && xhr.status < 300 && body && body.uploadId) {
            report(state, "OnUploadDone", body.uploadId, body.fileName || file.name, body.size);
        } else {
            const error = (body && body.error) || {};
            report(state, "OnUploadFailed", error.code || null, error.message || null, xhr.status,
                error.details ? JSON.stringify(error.details) : null);
        }
    };
    xhr.onerror = () => {
        state.xhr = null;
        report(state, "OnUploadFailed", null, null, 0, null);
    };
    xhr.onabort = () => {
        state.xhr = null;
        report(state, "OnUploadCancelled");
    };
    xhr.send(file);
}
