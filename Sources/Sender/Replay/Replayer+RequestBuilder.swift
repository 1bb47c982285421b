import CaptureLog
import Foundation
import TrackingModel

extension Replayer {
    /// The builder `trackscope replay` and the inspector's replay share: each record's request
    /// to `target` (transformed, with the key), made when it is due, with the findings of the body
    /// sent.
    public static func requestBuilder(target: SendTarget, transform: ReplayTransform, sourceKey: String?,
                                      userAgent: String) -> RequestBuilder {
        { record in
            let request = target.replayRequest(
                for: record, transform: transform, sourceKey: sourceKey,
                nowMilliseconds: ISOTime.milliseconds(Date()), newId: { UUID().uuidString.lowercased() },
                userAgent: userAgent)
            let form: PayloadForm = request.kind == .batch ? .batch : .event
            return (request, PayloadInspector.inspect(bytes: request.body, form: form).allFindings)
        }
    }
}
