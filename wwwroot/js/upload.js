// Uploads a chosen or dropped file to the portal's upload endpoint over plain HTTP (XHR for upload
// progress), cookie-authenticated with the antiforgery token in a header. The bytes never pass through
// the Blazor circuit; only the choice, progress and outcome are reported to the component.

const uploads = new WeakMap();

export function attach(zone, input, component, options) {
    const state = { zone, input, component, options, xhr: null };
    uploads.set(zone, state);

    const choose = async (file) => {
        if (!file || state.xhr) {
            return;
        }
        // The server decides whether the file may be sent at all (plan limits, shown before upload).
        const ok = await component.invokeMethodAsync("OnFileChosen", file.name, file.size);
        if (ok) {
            send(state, file);
        }
    };

    input.addEventListener("change", () => {
        const file = input.files && input.files[0];
        input.value = "";
        choose(file);
    });
    zone.addEventListener("dragover", (e) => {
        e.preventDefault();
        zone.classList.add("drop-zone-over");
    });
    zone.addEventListener("dragleave", () => zone.classList.remove("drop-zone-over"));
    zone.addEventListener("drop", (e) => {
        e.preventDefault();
        zone.classList.remove("drop-zone-over");
        const file = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
        choose(file);
    });
    zone.addEventListener("keydown", (e) => {
        if (e.key === "Enter" || e.key === " ") {
            e.preventDefault();
            input.click();
        }
    });
}

export function cancel(zone) {
    const state = uploads.get(zone);
    if (state && state.xhr) {
        state.xhr.abort();
    }
}

function send(state, file) {
    const { component, options } = state;
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
            component.invokeMethodAsync("OnUploadProgress", e.loaded, e.total);
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
            component.invokeMethodAsync("OnUploadDone", body.uploadId, body.fileName || file.name, body.size);
        } else {
            const error = (body && body.error) || {};
            component.invokeMethodAsync("OnUploadFailed", error.code || null, error.message || null, xhr.status,
                error.details ? JSON.stringify(error.details) : null);
        }
    };
    xhr.onerror = () => {
        state.xhr = null;
        component.invokeMethodAsync("OnUploadFailed", null, null, 0, null);
    };
    xhr.onabort = () => {
        state.xhr = null;
        component.invokeMethodAsync("OnUploadCancelled");
    };
    xhr.send(file);
}
