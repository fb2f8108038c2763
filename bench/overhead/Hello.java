/** Does nothing: the agent's fixed cost at JVM start. */
public class Hello {
    public static void main(String[] args) {
        System.out.println("hello");
    }
}
