fn main() {
    ask_expert::start();
}
