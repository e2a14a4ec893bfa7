/// Runs libFuzzer on one input handler.
///
/// Each fuzz target's entry point calls ``run(_:_:_:)`` with its own handler; libFuzzer
/// then parses its usual flags (`-runs=`, a corpus folder) and calls the handler with
/// each generated input. A crash, a hang past `-timeout` or a leak is a finding.
public enum FuzzDriver {
    public typealias Handler = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

    public static func run(
        _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ handler: Handler
    ) -> CInt {
        var count = argc
        var arguments = argv
        return LLVMFuzzerRunDriver(&count, &arguments, handler)
    }

    /// The input as text: invalid UTF-8 repaired, as coach repairs what a trainee types.
    public static func text(_ start: UnsafePointer<UInt8>?, _ size: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: start, count: size), as: UTF8.self)
    }
}

@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: FuzzDriver.Handler
) -> CInt
