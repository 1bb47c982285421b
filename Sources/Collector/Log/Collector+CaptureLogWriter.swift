import CaptureLog

/// The real log writer is a sink: durable (per its `Durability`) when `append` returns.
extension CaptureLogWriter: CaptureSink {}
