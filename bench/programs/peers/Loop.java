public class Loop {
    public static void main(String[] args) {
        long n = Long.parseLong(args[0]);
        long sum = 0;
        for (long i = 0; i < n; i++) {
            sum = Math.addExact(sum, Math.multiplyExact(i, i) % 7);
        }
        System.out.println(sum);
    }
}
