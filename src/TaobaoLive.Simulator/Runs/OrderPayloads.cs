using System.Buffers;
using System.Text.Json;
using TaobaoLive.Domain.Money;
using TaobaoLive.Simulation.Sinks;

namespace TaobaoLive.Simulator.Runs;

/// <summary>Order batches as the wire carries them, and the tightest loop that can consume them.</summary>
public static class OrderPayloads
{
    public static byte[] Json(IReadOnlyList<SimulatedOrder> orders)
    {
        var buffer = new ArrayBufferWriter<byte>(orders.Count * 110);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var order in orders)
            {
                writer.WriteStartObject();
                writer.WriteString("orderId", order.OrderId);
                writer.WriteString("shopId", order.ShopId);
                writer.WriteString("amount", Yuan.Format(order.Fen));
                writer.WriteString("paidAt", order.PaidAt);
                if (order.Refund)
                {
                    writer.WriteString("type", "refund");
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The limit the platform is measured against: parse each body and sum amounts by shop, nothing
    /// else (no validation beyond the amount, no grains, no HTTP). Returns the orders consumed.
    /// </summary>
    public static long ParseAndSum(byte[] body, Dictionary<string, long> sums)
    {
        var reader = new Utf8JsonReader(body);
        long orders = 0;
        string? shop = null;
        long fen = 0;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName when reader.ValueTextEquals("shopId"u8):
                    reader.Read();
                    shop = reader.GetString();
                    break;
                case JsonTokenType.PropertyName when reader.ValueTextEquals("amount"u8):
                    reader.Read();
                    Yuan.TryParse(reader.GetString(), out fen, out _);
                    break;
                case JsonTokenType.EndObject when shop is not null:
                    sums[shop] = sums.GetValueOrDefault(shop) + fen;
                    orders++;
                    shop = null;
                    break;
            }
        }

        return orders;
    }
}
