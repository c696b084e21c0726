// The public complaint form's 「使用当前位置」 (issue 18 P6): the browser's position (navigator.geolocation, WGS-84), asked
// only when the person presses the button. Resolves {ok, latitude, longitude, accuracy} or {ok: false, error} with error
// one of unsupported, denied, unavailable, timeout; never rejects.
export function locate(timeoutMs) {
    return new Promise(resolve => {
        if (!navigator.geolocation) { resolve({ ok: false, error: 'unsupported' }); return; }
        navigator.geolocation.getCurrentPosition(
            p => resolve({ ok: true, latitude: p.coords.latitude, longitude: p.coords.longitude, accuracy: p.coords.accuracy }),
            e => resolve({ ok: false, error: e.code === 1 ? 'denied' : e.code === 3 ? 'timeout' : 'unavailable' }),
            { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60000 });
    });
}
