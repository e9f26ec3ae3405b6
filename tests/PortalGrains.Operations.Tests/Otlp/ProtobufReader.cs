using System.Buffers.Binary;
using System.Text;

namespace PortalGrains.Operations.Tests.Otlp;

/// <summary>
/// Reads the protobuf wire format (protobuf.dev/programming-guides/encoding): varints, 64- and 32-bit fixed values and
/// length-delimited fields, which is all an OTLP/HTTP export request needs.
/// </summary>
public sealed class ProtobufReader(ReadOnlyMemory<byte> data)
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    private int _position;

    public bool TryReadTag(out int field, out int wireType)
    {
        if (_position >= data.Length)
        {
            field = 0;
            wireType = 0;
            return false;
        }

        var tag = ReadVarint();
        field = (int)(tag >> 3);
        wireType = (int)(tag & 7);
        return true;
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = data.Span[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new FormatException("varint longer than 10 bytes");
    }

    public ReadOnlyMemory<byte> ReadBytes()
    {
        var length = checked((int)ReadVarint());
        var bytes = data.Slice(_position, length);
        _position += length;
        return bytes;
    }

    public ProtobufReader ReadMessage() => new(ReadBytes());

    public string ReadString() => Encoding.UTF8.GetString(ReadBytes().Span);

    public ulong ReadFixed64()
    {
        var value = BinaryPrimitives.ReadUInt64LittleEndian(data.Span[_position..]);
        _position += 8;
        return value;
    }

    public uint ReadFixed32()
    {
        var value = BinaryPrimitives.ReadUInt32LittleEndian(data.Span[_position..]);
        _position += 4;
        return value;
    }

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case Varint: ReadVarint(); break;
            case Fixed64: _position += 8; break;
            case LengthDelimited: ReadBytes(); break;
            case Fixed32: _position += 4; break;
            default: throw new FormatException($"unsupported wire type {wireType}");
        }
    }
}
