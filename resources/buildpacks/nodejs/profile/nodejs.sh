# Written by the Node.js buildpack: the app's tools on PATH, NODE_ENV production by default.
export PATH="$PATH:$HOME/bin:$HOME/node_modules/.bin"
export NODE_ENV="${NODE_ENV:-production}"
