// CloudFront Function (runtime cloudfront-js-2.0), viewer request, on every cache behavior of
// the distribution (main.tf): a request for www.<domain> is answered at the edge with a
// permanent redirect to the apex, path and query string kept; any other host passes through.
// The deploy tests run this file with Node on sample events (TerraformTests).
function handler(event) {
    var request = event.request;
    var host = request.headers.host ? request.headers.host.value.toLowerCase() : '';
    if (host.indexOf('www.') !== 0) {
        return request;
    }
    var query = [];
    for (var name in request.querystring) {
        var parameter = request.querystring[name];
        var values = parameter.multiValue ? parameter.multiValue : [parameter];
        for (var i = 0; i < values.length; i++) {
            query.push(values[i].value === '' ? name : name + '=' + values[i].value);
        }
    }
    return {
        statusCode: 301,
        statusDescription: 'Moved Permanently',
        headers: {
            location: { value: 'https://' + host.substring(4) + request.uri + (query.length ? '?' + query.join('&') : '') },
            'cache-control': { value: 'max-age=86400' }
        }
    };
}
