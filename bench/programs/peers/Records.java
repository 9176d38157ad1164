import java.util.ArrayList;
import java.util.List;

public class Records {
    record Order(long id, String region, long amount, boolean paid) {
    }

    public static void main(String[] args) {
        long n = Long.parseLong(args[0]);
        List<String> regions = List.of("north", "south", "east", "west");
        List<Order> orders = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            orders.add(new Order(i, regions.get((int) (i % 4)), i * 7919 % 1000, i % 3 != 0));
        }
        long total = 0;
        long matched = 0;
        for (Order order : orders) {
            if (order.paid() && order.region().equals("east")) {
                total += order.amount();
                matched++;
            }
        }
        System.out.println(total * 1000 + matched % 1000);
    }
}
