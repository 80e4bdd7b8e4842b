// briefdeck drives a system Chromium (see README); never download a browser on install.
module.exports = { skipDownload: true };
