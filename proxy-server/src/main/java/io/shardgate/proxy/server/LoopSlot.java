package io.shardgate.proxy.server;

import io.shardgate.proxy.passthrough.PassThrough;

/** An event loop and the pass-through connections it owns; each looped client is served by one. */
record LoopSlot(EventLoop loop, PassThrough passThrough) {
}
