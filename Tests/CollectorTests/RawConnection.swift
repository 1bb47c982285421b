import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP connection to the local server, for sending what no HTTP client would send.
final class RawConnection: @unchecked Sendable {
    private let fd: Int32

    init(port: Int, receiveTimeoutSeconds: Int = 5) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var timeout = timeval(tv_sec: receiveTimeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(fd)
            throw POSIXError(.ECONNREFUSED)
        }
    }

    deinit { close(fd) }

    /// Closes both directions, as a client that gives up does (the server sees the end of its input).
    func hangUp() {
        shutdown(fd, Int32(SHUT_RDWR))
    }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Reads until the peer closes, `until` appears, or the receive timeout passes.
    /// `closed` tells whether the peer closed the connection. The blocking reads run on a thread
    /// of their own: not on Swift concurrency's pool, nor on Dispatch's global queues that the pool
    /// is built on (several blocked readers there starved the servers under test when the machine
    /// was busy).
    func receive(until marker: String? = nil) async -> (text: String, closed: Bool) {
        await withCheckedContinuation { continuation in
            let reader = Thread {
                continuation.resume(returning: self.receiveBlocking(until: marker))
            }
            reader.start()
        }
    }

    private func receiveBlocking(until marker: String?) -> (text: String, closed: Bool) {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count == 0 { return (String(decoding: data, as: UTF8.self), true) }
            if count < 0 { return (String(decoding: data, as: UTF8.self), false) }
            data.append(contentsOf: buffer[0..<count])
            if let marker, String(decoding: data, as: UTF8.self).contains(marker) {
                return (String(decoding: data, as: UTF8.self), false)
            }
        }
    }
}
